// pnpm registry:publish [--port N]: builds and packs every published package (as pnpm publish
// would), then publishes the tarballs into the local registry of `pnpm registry` (same port
// option and PAYMENT_REGISTRY_PORT). A version the local registry already holds is replaced, so
// after a schema edit the same command publishes the new build: it is a scratch registry.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { packAll, publishedPackages } from "./published-packages.js";
import { localRegistryPort, localRegistryUrl } from "./registry-url.js";

// The local registry's publishing user, signed up on first use (the registry is on 127.0.0.1 only).
const USER = { name: "local", password: "local-registry" };
const usage = "usage: pnpm registry:publish [--port N]   (port: PAYMENT_REGISTRY_PORT, else 4873)";

function fail(message: string, code = 1): never {
  console.error(`registry:publish: ${message}`);
  process.exit(code);
}

let url: string;
try {
  const { values } = parseArgs({ options: { port: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  url = localRegistryUrl(localRegistryPort(values.port));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}

const ping = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(10_000) }).catch((error: Error) => error);
if (ping instanceof Error || !ping.ok)
  fail(`no registry answers at ${url} (${ping instanceof Error ? ((ping.cause as Error | undefined)?.message ?? ping.message) : `HTTP ${ping.status}`}): start it with \`pnpm registry\` in another terminal first`);

// npm's adduser request: with Basic credentials of an existing user Verdaccio logs it in, else signs
// it up; either way the answer carries a token.
const signup = await fetch(`${url}-/user/org.couchdb.user:${USER.name}`, {
  method: "PUT",
  headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString("base64")}` },
  body: JSON.stringify({ name: USER.name, password: USER.password }),
  signal: AbortSignal.timeout(30_000),
});
const { token } = (await signup.json().catch(() => ({}))) as { token?: string };
if (!signup.ok || !token) fail(`${url} refused the local publishing user (HTTP ${signup.status}); if .registry/ holds users of another setup, stop the registry, delete .registry/ and start it again`);

const work = mkdtempSync(join(tmpdir(), "registry-publish-"));
try {
  const userconfig = join(work, "npmrc");
  writeFileSync(userconfig, `${url.replace(/^http:/, "")}:_authToken=${token}\n`);
  // npm runs outside the workspace (whose .npmrc holds pnpm settings) and without the npm_config_*
  // variables pnpm exports to scripts: it talks to the local registry only, with this token.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
  const npm = (args: string[]): void => {
    execFileSync("npm", [...args, "--registry", url], {
      cwd: work,
      env: { ...env, npm_config_userconfig: userconfig, npm_config_update_notifier: "false", npm_config_loglevel: "error" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  };
  const packages = publishedPackages();
  // Asked before packing: the build blocks this process long enough for the registry to drop an idle connection.
  const present = await Promise.all(
    packages.map(async (pkg) => {
      const packument = await fetch(`${url}${pkg.name.replace("/", "%2f")}`, { signal: AbortSignal.timeout(30_000) });
      return packument.ok && pkg.version in (((await packument.json()) as { versions?: object }).versions ?? {});
    }),
  );
  const packed = packAll(join(work, "packs"));
  for (const [index, pkg] of packed.entries()) {
    if (present[index]) npm(["unpublish", `${pkg.name}@${pkg.version}`, "--force"]);
    npm(["publish", pkg.tarball]);
    console.log(`registry:publish: ${pkg.name}@${pkg.version}${present[index] ? " (replaced)" : ""}`);
  }
  const names = packages.map((pkg) => pkg.name);
  console.log(`\nIn your service:\n  npm config set @org:registry ${url} --location project\n  npm install ${names.join(" ")}`);
} catch (error) {
  fail((error as Error).message);
} finally {
  rmSync(work, { recursive: true, force: true });
}
