export interface Config {
  permission?: {
    /** The portal's permission policy (packages/backend/src/modules/permissionPolicy). */
    portalPolicy?: {
      /**
       * Groups whose members may do everything, e.g. `group:default/platform-team`.
       * Everyone else reads, and edits what their groups own.
       */
      adminGroups?: string[];
    };
  };
  techdocs?: {
    generator?: {
      mkdocs?: {
        /**
         * Build without the techdocs-core mkdocs plugin (no Debian package has
         * it). Read by the TechDocs generator, not declared by its schema.
         */
        omitTechdocsCorePlugin?: boolean;
      };
    };
    /** Docs built once at start-up (modules/techdocsPrebuild), so search finds them. */
    prebuild?: {
      /** Entity refs with a `backstage.io/techdocs-ref`, e.g. `system:default/task-platform`. */
      entities?: string[];
    };
  };
}
