export * from './hardening-binding';
