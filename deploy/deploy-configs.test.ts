import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cloudNames } from '../core/defender/clouds.ts';
import { deploymentOrigins, sameOriginApiOrigins } from './allowed-origins.ts';
import { deployConfigs } from './deploy-configs.ts';
import { nginxConfigFolder, nginxConfigPath } from './nginx-config.ts';
import { contentSecurityPolicy } from './security-headers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = (path: string) => readFileSync(`${root}${path}`, 'utf8');

describe('the deployment configs in deploy/', () => {
  it.each(deployConfigs())('$path is what the generator writes now (run `npm run deploy:configs`)', ({ path, text }) => {
    expect(committed(path)).toBe(text);
  });

  it(`${nginxConfigFolder}/ holds one config per cloud and nothing else (run \`npm run deploy:configs\`)`, () => {
    expect(readdirSync(`${root}${nginxConfigFolder}`).sort()).toEqual(cloudNames.map((cloud) => `${cloud}.conf`).sort());
  });
});

describe.each(cloudNames)('deploy/nginx/%s.conf', (cloud) => {
  const nginx = committed(nginxConfigPath(cloud));
  const policy = contentSecurityPolicy(sameOriginApiOrigins(cloud));

  it("sends the cloud's policy on every response and serves the app for unknown paths, but never for a missing asset", () => {
    expect(nginx).toContain(`add_header Content-Security-Policy "${policy}" always;`);
    expect(nginx).toMatch(/location \/ \{\s+try_files \$uri \/index\.html;/);
    expect(nginx).toMatch(/location \/assets\/ \{\s+try_files \$uri =404;/);
  });

  it('adds headers only at server level, so no location drops them (the API path’s answers included)', () => {
    const locations = nginx.slice(nginx.search(/^\s+location /m));
    expect(locations).toContain('location ~ "^/defender-api');
    expect(locations).not.toContain('add_header');
  });

  it('leaves Cross-Origin-Opener-Policy out for the redirect bridge only', () => {
    expect(nginx).toMatch(/map \$uri \$machine_action_watch_opener_policy \{\s+\/redirect\.html "";\s+default "same-origin";/);
  });
});

describe('deploy/staticwebapp.config.json', () => {
  const policy = contentSecurityPolicy(deploymentOrigins());
  const config = JSON.parse(committed('deploy/staticwebapp.config.json')) as {
    navigationFallback: { rewrite: string; exclude: string[] };
    routes: { route: string; headers: Record<string, string> }[];
    globalHeaders: Record<string, string>;
  };

  it('sends the policy and opener isolation globally, with the SPA fallback', () => {
    expect(config.globalHeaders['Content-Security-Policy']).toBe(policy);
    expect(config.globalHeaders['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(config.navigationFallback).toEqual({ rewrite: '/index.html', exclude: ['/assets/*', '/config.json'] });
  });

  it('removes Cross-Origin-Opener-Policy from the redirect bridge (an empty value removes a global header)', () => {
    const bridge = config.routes.find((route) => route.route === '/redirect.html');
    expect(bridge?.headers).toEqual({ 'Cross-Origin-Opener-Policy': '' });
  });
});
