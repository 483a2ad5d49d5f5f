/** Just enough typing of the two Eleventy packages the site uses (they ship no declarations). */
declare module '@11ty/eleventy-plugin-handlebars' {
  const plugin: (eleventyConfig: unknown, options?: { eleventyLibraryOverride?: unknown }) => void;
  export default plugin;
}

declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { quietMode?: boolean; configPath?: string | false; pathPrefix?: string; config?: (config: never) => void });
    write(): Promise<unknown>;
  }
}
