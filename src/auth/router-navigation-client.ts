import { NavigationClient, type NavigationOptions } from '@azure/msal-browser';
import type { NavigateFunction } from 'react-router';

/** Lets MSAL's in-app navigations go through the router instead of reloading the page. */
export class RouterNavigationClient extends NavigationClient {
  private readonly navigate: NavigateFunction;

  constructor(navigate: NavigateFunction) {
    super();
    this.navigate = navigate;
  }

  override async navigateInternal(url: string, options: NavigationOptions): Promise<boolean> {
    const target = new URL(url, window.location.origin);
    if (target.origin !== window.location.origin) return super.navigateInternal(url, options);
    await this.navigate(`${target.pathname}${target.search}${target.hash}`, { replace: options.noHistory });
    return false;
  }
}
