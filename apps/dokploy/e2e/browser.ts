import { chromium } from "playwright-core";

/**
 * Debian's Chromium, headless, with the flags a machine without outside network needs.
 * Playwright gives every launch a fresh, temporary profile.
 */
export const launchChromium = () => {
	const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
	return chromium.launch({
		executablePath,
		headless: true,
		args: [
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
		],
	});
};
