/**
 * secure-rdp-hosts: constructs for Windows RDP hosts on AWS and Azure that admins can reach and
 * nobody else can. This file is the library's only public entry point.
 */
export * from './core';
export * from './windows';
export * from './host';
export * from './aws';
export * from './azure';
