export interface Config {
  /** Configuration of @taskplatform/plugin-environments-backend. */
  environments?: {};
}
