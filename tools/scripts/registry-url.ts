// Where `pnpm registry` listens and `pnpm registry:publish` publishes: 127.0.0.1, port from
// --port, else PAYMENT_REGISTRY_PORT, else 4873 (Verdaccio's usual port).
export const DEFAULT_REGISTRY_PORT = 4873;

export function localRegistryPort(option: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const text = option ?? env.PAYMENT_REGISTRY_PORT ?? String(DEFAULT_REGISTRY_PORT);
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new Error(`port must be a number from 1 to 65535, got ${JSON.stringify(text)}${option === undefined ? " (PAYMENT_REGISTRY_PORT)" : ""}`);
  return port;
}

export const localRegistryUrl = (port: number): string => `http://127.0.0.1:${port}/`;
