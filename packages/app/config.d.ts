export interface Config {
  app?: {
    signIn?: {
      /**
       * Sign-in methods offered on the sign-in page, in order.
       * `guest` is for the embedded local default only; production uses `github`.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github'>;
    };
  };
}
