/** Environments backend plugin: plans, provisions, follows and destroys AWS environments (CDK toolkit-lib) and publishes them to the catalog */
export {};
