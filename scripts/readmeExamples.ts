/** Where the example operations live in README.md. */
export const README_EXAMPLES_HEADING = '## Example queries';

/**
 * The README's example operations, in order: the body of every ```graphql block in its
 * "Example queries" section (up to the next `## ` heading), trimmed. The README is the one
 * source of truth: the GraphiQL page at /graphiql is built with these as its tabs.
 * Throws when the section or its blocks are gone, so a README edit cannot silently empty the page.
 */
export function readmeExamples(markdown: string): string[] {
  const heading = new RegExp(`^${README_EXAMPLES_HEADING}.*$`, 'm').exec(markdown);
  if (heading === null) throw new Error(`README.md has no "${README_EXAMPLES_HEADING}" section.`);
  const rest = markdown.slice(heading.index + heading[0].length);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const blocks = [...section.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => match[1]!.trim());
  if (blocks.length === 0) throw new Error(`README.md's "${README_EXAMPLES_HEADING}" section has no \`\`\`graphql blocks.`);
  return blocks;
}
