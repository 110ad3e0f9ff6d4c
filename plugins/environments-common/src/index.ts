/**
 * Shared types, request schemas, permissions and signal channel of the
 * Task Platform environments plugins.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
export * from './permissions';
export * from './signals';
