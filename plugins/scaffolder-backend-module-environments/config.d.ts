export interface Config {
  environments?: {
    /** How the Scaffolder actions environments:create and environments:destroy follow an operation. */
    scaffolder?: {
      /**
       * How long an action follows the deploy or destroy in the task log, in seconds
       * (default 1800). The operation goes on in the environments backend after that.
       */
      followTimeoutSeconds?: number;
      /** How often an action asks for new events while following, in ms (default 1000). */
      pollIntervalMs?: number;
    };
  };
}
