import Link from "next/link";
import { Fragment } from "react";

/** "Projects / My project / My app": links to the pages above this one, then its own name. */
export const Breadcrumbs = ({
	links,
	current,
}: {
	links: { href: string; label: string }[];
	current: string;
}) => (
	<nav className="mb-2 text-sm text-muted-foreground">
		{links.map((link) => (
			<Fragment key={link.href}>
				<Link href={link.href} className="hover:underline">
					{link.label}
				</Link>{" "}
				/{" "}
			</Fragment>
		))}
		{current}
	</nav>
);
