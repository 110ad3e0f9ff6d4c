/** Environments frontend plugin (new frontend system): environments page, live operation timeline, entity tab */
export {};
