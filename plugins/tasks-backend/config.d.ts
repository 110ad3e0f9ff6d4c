export interface Config {
  tasks?: {
    /**
     * How long the tasks API reuses a permission decision per user and
     * permission, in seconds (default 5; 0 asks the permission backend on
     * every request). A changed policy takes effect within this time.
     */
    permissionCacheSeconds?: number;
  };
}
