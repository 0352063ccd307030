import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import Provider, {
  errors,
  interactionPolicy,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
  type ResourceServer,
} from 'oidc-provider';
import { ACCESS_TOKEN_TTL_SECONDS, CLIENT_ID, DEFENDER_RESOURCE, REFRESH_TOKEN_TTL_SECONDS } from '../constants.ts';
import { appClientMetadata, listAppRegistrations } from './app-registrations.ts';
import { createMemoryAdapterFactory } from './memory-adapter.ts';
import { msalCompatibility } from './msal-compat.ts';
import { errorPage, logoutPage, signedOutPage } from './pages.ts';
import { mentionsDefender, resourceScopesFor } from './scopes.ts';
import { customizeAccessTokenJwt, extraTokenClaims, findAccount } from './token-claims.ts';

export const CLIENT_NAME = 'Machine Action Watch (local)';

export interface IdentityProviderOptions {
  readonly issuer: string;
  readonly appOrigins: readonly string[];
  readonly signingKey: JWK;
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

function policyWithSelectAccount(): interactionPolicy.Prompt[] {
  const policy = interactionPolicy.base();
  // MSAL's `prompt: 'select_account'` is valid against Entra; the sign-in page doubles as the picker.
  policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }), 0);
  return policy;
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
    findAccount,
    extraTokenClaims,
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
      policy: policyWithSelectAccount(),
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
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
  if (options.quiet) provider.silent = true;
  return provider;
}
