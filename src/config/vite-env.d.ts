/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_CLOUD?: string;
  readonly VITE_TENANT_ID?: string;
  readonly VITE_CLIENT_ID?: string;
  readonly VITE_API_BASE_URL?: string;
  readonly VITE_TOKEN_RESOURCE?: string;
  readonly VITE_QUOTA_SHARE?: string;
  readonly VITE_ANALYSTS_AT_ONCE?: string;
  readonly VITE_SIGN_IN_CACHE?: string;
  readonly VITE_RELAY_URL?: string;
  readonly VITE_SIMULATOR?: string;
  /** The `tenants` setting's JSON text. */
  readonly VITE_TENANTS?: string;
  readonly VITE_SIMULATOR_IDENTITY_URL?: string;
}
