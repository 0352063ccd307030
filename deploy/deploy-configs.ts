import { deploymentOrigins } from './allowed-origins.ts';
import { nginxConfig } from './nginx-config.ts';
import { staticWebAppConfig } from './static-web-app-config.ts';

export interface DeployConfig {
  /** From the repository's root. */
  readonly path: string;
  readonly text: string;
}

/** The deployment configs committed in deploy/, as the generator writes them now. */
export function deployConfigs(): DeployConfig[] {
  const origins = deploymentOrigins();
  return [
    { path: 'deploy/nginx.conf', text: nginxConfig(origins) },
    { path: 'deploy/staticwebapp.config.json', text: staticWebAppConfig(origins) },
  ];
}
