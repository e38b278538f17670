/** Where the browser tests save their screenshots for review (relative to the project root). */
export const SCREENSHOT_DIR = 'test-results/screenshots';
