/**
 * Eleventy wiring, nothing else: Handlebars with the site's helpers, the template folders, and the page
 * models as global data `site.pages` (one entry per output page, see templates/pages.hbs). All data is
 * prepared by site/build.ts before Eleventy runs.
 */
import Handlebars from 'handlebars';
import handlebarsPlugin from '@11ty/eleventy-plugin-handlebars';
import { registerHelpers } from './helpers/register-helpers.ts';

/** One page of the site: its permalink (relative to the output folder) and the model of its type. */
export interface PageEntry {
  permalink: string;
  layout: unknown;
  [type: string]: unknown;
}

/** The part of Eleventy's config API used here. */
interface EleventyConfigApi {
  addPlugin(plugin: unknown, options?: unknown): void;
  addGlobalData(name: string, data: unknown): void;
  setTemplateFormats(formats: string[]): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setDataDirectory(dir: string): void;
  setQuietMode(quiet: boolean): void;
  setUseGitIgnore(use: boolean): void;
}

/**
 * The config callback for `new Eleventy(input, output, { config })`.
 *
 * @example
 * new Eleventy('site/templates', '_site', { quietMode: true, config: eleventyConfig(pages) })
 */
export function eleventyConfig(pages: PageEntry[]): (config: EleventyConfigApi) => void {
  return (config) => {
    const hbs = Handlebars.create();
    registerHelpers(hbs);
    config.addPlugin(handlebarsPlugin, { eleventyLibraryOverride: hbs });
    config.setTemplateFormats(['hbs']);
    config.setIncludesDirectory('_partials');
    config.setLayoutsDirectory('_layouts');
    config.setDataDirectory('_data');
    config.setUseGitIgnore(false);
    config.setQuietMode(true);
    config.addGlobalData('site', { pages });
  };
}
