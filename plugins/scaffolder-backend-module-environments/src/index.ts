/** Scaffolder actions environments:plan, environments:create and environments:destroy, calling the environments backend as the initiating user */
export {};
