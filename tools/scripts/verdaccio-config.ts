// The one Verdaccio configuration of this repository, for `pnpm registry` and the end-to-end tests:
// storage and users under one folder, no `uplinks` (it serves only what is published to it, never
// a package from elsewhere), anyone may install, a signed-up user publishes. No audit middleware:
// it would forward `npm audit` to the public registry.
import { join } from "node:path";

export function verdaccioConfig(dir: string): string {
  return `storage: ${JSON.stringify(join(dir, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, "htpasswd"))}
    max_users: 10
uplinks: {}
packages:
  "**":
    access: $all
    publish: $authenticated
    unpublish: $authenticated
web:
  enable: false
log:
  type: stdout
  format: json
  level: warn
`;
}
