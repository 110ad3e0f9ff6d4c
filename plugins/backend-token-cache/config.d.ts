export interface Config {
  /**
   * `@taskplatform/backend-token-cache`: verified tokens remembered, and
   * issued plugin tokens reused, per plugin.
   */
  authTokenCache?: {
    /**
     * How long a verified token is remembered, and an issued plugin token
     * reused, in seconds; never past the token's own expiry. Default 60;
     * 0 verifies every request and signs every plugin call.
     */
    seconds?: number;
    /** Most tokens remembered per plugin. Default 5000. */
    maxEntries?: number;
  };
}
