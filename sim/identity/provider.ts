import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import Provider, {
  errors,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
  type ResourceServer,
} from 'oidc-provider';
import { ACCESS_TOKEN_TTL_SECONDS, CLIENT_ID, DEFENDER_RESOURCE, REFRESH_TOKEN_TTL_SECONDS } from '../constants.ts';
import { appClientMetadata, CLIENT_NAME, listAppRegistrations } from './app-registrations.ts';
import { addEntraFields } from './entra-errors.ts';
import { createMemoryAdapterFactory } from './memory-adapter.ts';
import type { MfaDemands } from './mfa-demands.ts';
import type { RelayConsents } from './app-registrations.ts';
import { msalCompatibility } from './msal-compat.ts';
import { errorPage, logoutPage, signedOutPage } from './pages.ts';
import { mentionsDefender, resourceScopesFor } from './scopes.ts';
import { signInPolicy } from './sign-in-policy.ts';
import { customizeAccessTokenJwt, createExtraTokenClaims, createFindAccount } from './token-claims.ts';
import { tenantResponses } from './tenant-responses.ts';
import { tenantOf } from './tenant-request.ts';

export interface IdentityProviderOptions {
  /** The root issuer, http://localhost:PORT; each tenant's is under it (tenant-request.ts). */
  readonly issuer: string;
  readonly appOrigins: readonly string[];
  readonly signingKey: JWK;
  /** The tenants that demand MFA now, which the control API turns on. */
  readonly mfa: MfaDemands;
  /** The tenants that consented to the relay's app now, which the control API changes. */
  readonly relayConsents: RelayConsents;
  readonly quiet: boolean;
}

function clientMetadata(appOrigins: readonly string[]): ClientMetadata {
  return {
    client_id: CLIENT_ID,
    client_name: CLIENT_NAME,
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // msal-browser v5 returns through a bridge page that must be registered exactly.
    redirect_uris: appOrigins.map((origin) => `${origin}/redirect.html`),
    post_logout_redirect_uris: appOrigins.map((origin) => `${origin}/`),
  };
}

/** MSAL never sends `resource=`; the Defender scopes in `scope` pick the resource instead. */
async function defaultResource(
  ctx: KoaContextWithOIDC,
  _client: unknown,
  oneOf?: readonly string[],
): Promise<string | readonly string[] | undefined> {
  if (oneOf !== undefined) return oneOf.includes(DEFENDER_RESOURCE) ? DEFENDER_RESOURCE : oneOf;
  const scope = ctx.oidc.params?.scope;
  return typeof scope === 'string' && mentionsDefender(scope) ? DEFENDER_RESOURCE : undefined;
}

async function getResourceServerInfo(ctx: KoaContextWithOIDC, resourceIndicator: string): Promise<ResourceServer> {
  if (resourceIndicator !== DEFENDER_RESOURCE) throw new errors.InvalidTarget();
  const params = ctx.oidc.params;
  const scopes = resourceScopesFor(params?.grant_type, params?.scope);
  if (scopes === undefined) {
    throw new errors.InvalidScope(
      `Client credential flows must have a scope value with /.default suffixed to the resource identifier (${DEFENDER_RESOURCE}/.default).`,
      String(params?.scope),
    );
  }
  return {
    scope: scopes.join(' '),
    audience: DEFENDER_RESOURCE,
    accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
}

export function createIdentityProvider(options: IdentityProviderOptions): Provider {
  const configuration: Configuration = {
    adapter: createMemoryAdapterFactory(),
    clients: [clientMetadata(options.appOrigins), ...listAppRegistrations().map(appClientMetadata)],
    jwks: { keys: [options.signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub', 'oid', 'tid'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    // Without this MSAL's account has no name or username: they would only be served from /me.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientBasedCORS: (_ctx, origin, client) => client.clientId === CLIENT_ID && options.appOrigins.includes(origin),
    findAccount: createFindAccount(options.mfa),
    extraTokenClaims: createExtraTokenClaims(options.relayConsents),
    formats: { customizers: { jwt: customizeAccessTokenJwt } },
    features: {
      devInteractions: { enabled: false },
      // The relay signs in as itself (app-registrations.ts).
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource,
        useGrantedResource: () => true,
        getResourceServerInfo,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
    },
    interactions: {
      policy: signInPolicy(options.mfa),
      // Under the tenant's path, so the sign-in pages know the tenant (and its cookie's path holds it).
      url: (ctx, interaction) => `${tenantOf(ctx.req).pathPrefix}/interaction/${interaction.uid}`,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage('Sign-in error', { error: out.error, description: out.error_description });
    },
    // A fixed 24 h refresh token, reusable like Entra's, so two tabs refreshing at once do not revoke the grant.
    rotateRefreshToken: false,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      ClientCredentials: ACCESS_TOKEN_TTL_SECONDS, // Entra's app tokens last about as long as users' do
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      RefreshToken: REFRESH_TOKEN_TTL_SECONDS,
      Interaction: 600,
      Session: REFRESH_TOKEN_TTL_SECONDS,
      Grant: REFRESH_TOKEN_TTL_SECONDS,
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.use(msalCompatibility);
  provider.use(tenantResponses);
  provider.on('grant.error', addEntraFields);
  if (options.quiet) provider.silent = true;
  return provider;
}
