import { fileURLToPath } from "node:url";

/** The README whose tour is checked. */
export const README_PATH = fileURLToPath(new URL("../../README.md", import.meta.url));

/** The `$ …` lines of a help text, without the explanation after two spaces. */
export function helpExamples(help: string): string[] {
  return [...help.matchAll(/^ {2}\$ (.+)$/gm)].map((m) => (m[1] ?? "").split(/ {2,}/)[0]?.trim() ?? "");
}

/**
 * The tour: the ```sh blocks of the README's `## Tour` section (today's "A five-minute tour" too),
 * lines that start with `xswarm-dev ` or `npx xswarm-dev `, comments dropped.
 */
export function tourExamples(readme: string): string[] {
  const heading = /^## (?:A five-minute )?[Tt]our\b.*$/m.exec(readme);
  if (!heading) throw new Error("README.md has no `## Tour` section: its examples cannot be checked");
  const rest = readme.slice(heading.index + heading[0].length);
  const section = rest.split(/^## /m)[0] ?? "";
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  return blocks
    .flatMap((block) => block.split("\n"))
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => /^(npx )?xswarm-dev /.test(line))
    .map((line) => line.replace(/^npx /, ""));
}
