/** Joins class names, skipping the falsy ones that conditional styling produces. */
export const cn = (...classes: Array<string | false | null | undefined>) =>
	classes.filter(Boolean).join(" ");
