import type { ApolloServerPlugin, LandingPage } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';

import type { GatewayConfig } from '../../config/index.js';
import { GRAPHIQL_PATH } from './mountGraphiql.js';

/**
 * The page a browser gets at GET /graphql: Apollo Sandbox when `config.sandbox` is on,
 * otherwise none. Sandbox loads from Apollo's CDN; offline, Apollo's page shows only
 * "Apollo Sandbox cannot be loaded", so that message is followed by a link to the local
 * GraphiQL page (see mountGraphiql).
 */
export function sandboxLandingPage(config: Pick<GatewayConfig, 'sandbox'>): ApolloServerPlugin {
  if (!config.sandbox) return ApolloServerPluginLandingPageDisabled();
  const sandbox = ApolloServerPluginLandingPageLocalDefault({ footer: false });
  return {
    async serverWillStart(service) {
      const listener = await sandbox.serverWillStart?.(service);
      if (!listener?.renderLandingPage) return listener;
      const renderLandingPage = listener.renderLandingPage.bind(listener);
      return {
        ...listener,
        async renderLandingPage(): Promise<LandingPage> {
          const page = await renderLandingPage();
          const html = page.html;
          return { html: typeof html === 'string' ? withGraphiqlLink(html) : async () => withGraphiqlLink(await html()) };
        },
      };
    },
  };
}

/**
 * Adds the GraphiQL link to Apollo's offline message (its `<div class="fallback">`). The
 * Sandbox container covers the whole page even when empty, so while it is empty (Sandbox
 * did not load) it lets clicks through to the link; the style reuses the page's CSP nonce.
 * Returns the page unchanged if Apollo's markup no longer has these parts.
 */
export function withGraphiqlLink(html: string): string {
  const nonce = /<style nonce=["']?([0-9a-f]+)/.exec(html)?.[1];
  const fallback = /(<div class="fallback">[\s\S]*?)(<\/div>)/;
  if (nonce === undefined || !fallback.test(html)) return html;
  const link =
    `<p id="graphiql-link">No network? <a href="${GRAPHIQL_PATH}">Open GraphiQL</a>, served by this gateway, ` +
    `with the README's example queries.</p>\n` +
    `<style nonce="${nonce}">#embeddableSandbox:empty { pointer-events: none; }</style>\n`;
  return html.replace(fallback, (_match, opening: string, closing: string) => `${opening}${link}${closing}`);
}
