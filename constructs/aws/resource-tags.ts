import { Aspects, IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { terraformLiteralTags } from '../core';

/**
 * Tags every taggable AWS resource under `scope` (at synthesis, so resources added later are covered
 * too). A resource's own tags win: `Name` and the `rdp-host-group` tag the hardening association
 * targets cannot be overridden. Keys and values are taken literally. No tags, no aspect.
 */
export function tagResources(scope: IConstruct, tags: Readonly<Record<string, string>> | undefined): void {
  if (tags === undefined || Object.keys(tags).length === 0) return;
  const literal = terraformLiteralTags(tags);
  const aspect: IAspect = {
    visit(node: IConstruct): void {
      if (!TerraformResource.isTerraformResource(node) || !('tagsInput' in node)) return;
      const taggable = node as unknown as { tags: Record<string, string>; readonly tagsInput?: Record<string, string> };
      taggable.tags = { ...literal, ...taggable.tagsInput };
    },
  };
  Aspects.of(scope).add(aspect);
}
