import { ConfigError } from './configError.js';
import { baseSchema, URL_VARIABLES } from './schema.js';

/**
 * Whether this process runs demo mode (the emulated providers, serving seed data):
 * `DEMO=true` asks for it; with `DEMO` unset, it is the default when no provider URL is set —
 * except with `NODE_ENV=production`, where a missing provider URL is far more likely a
 * container started without its environment than a wish for fake data, so the gateway
 * refuses to start. `DEMO=false` never runs it (`loadConfig` then names the missing URLs).
 * Throws a ConfigError (one problem, saying what to set) for the refusals.
 */
export function demoModeOf(env: NodeJS.ProcessEnv): boolean {
  const demo = baseSchema.shape.DEMO.safeParse(env.DEMO);
  if (!demo.success) throw new ConfigError([`DEMO is not a boolean: ${JSON.stringify(env.DEMO)} (set it to true or false, or leave it unset)`]);
  const urlsSet = URL_VARIABLES.filter((name) => env[name]);
  if (demo.data === true) {
    if (urlsSet.length > 0) {
      throw new ConfigError([
        `DEMO=true serves the emulated providers, but ${urlsSet.join(', ')} ${urlsSet.length === 1 ? 'is' : 'are'} set: unset DEMO to use the providers, or unset the provider URLs for demo mode`,
      ]);
    }
    return true;
  }
  if (demo.data === false || urlsSet.length > 0) return false;
  if (env.NODE_ENV === 'production') {
    throw new ConfigError([
      `NODE_ENV=production but no provider URL is set: set ${URL_VARIABLES.join(', ')} (a base URL, or "off") with their credentials, or DEMO=true to serve the emulated providers' seed data on purpose`,
    ]);
  }
  return true;
}
