export interface Config {
  /** `@taskplatform/backend-token-cache`: verified tokens remembered per plugin. */
  authTokenCache?: {
    /**
     * How long a verified token is remembered, in seconds; never past the
     * token's own expiry. Default 60; 0 verifies every request.
     */
    seconds?: number;
    /** Most tokens remembered per plugin. Default 5000. */
    maxEntries?: number;
  };
}
