/**
 * Shared types, request schemas, permissions and signal channel of the tasks plugin.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
export * from './permissions';
export * from './signals';
export * from './patterns';
