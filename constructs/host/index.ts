/**
 * The cloud-neutral host model: what a host and a host group are on every cloud (access mode, port and
 * transport, Windows release, hardening binding, tags, which sources they admit, group consistency),
 * with the same names, props and errors on AWS and Azure. `aws/` and `azure/` extend it with their resources.
 */
export * from './rdp-target';
export * from './host-tags';
export * from './hardening-binding';
export * from './rdp-host-group-base';
export * from './rdp-host-base';
