/** Shared types, permissions and signal channel of the Task Platform environments plugins */
export {};
