import { cloudNames } from '../core/defender/clouds.ts';
import { deploymentOrigins } from './allowed-origins.ts';
import { nginxConfig, nginxConfigPath } from './nginx-config.ts';
import { staticWebAppConfig } from './static-web-app-config.ts';

export interface DeployConfig {
  /** From the repository's root. */
  readonly path: string;
  readonly text: string;
}

/** The deployment configs committed in deploy/, as the generator writes them now. */
export function deployConfigs(): DeployConfig[] {
  return [
    ...cloudNames.map((cloud) => ({ path: nginxConfigPath(cloud), text: nginxConfig({ cloud }) })),
    { path: 'deploy/staticwebapp.config.json', text: staticWebAppConfig(deploymentOrigins()) },
  ];
}
