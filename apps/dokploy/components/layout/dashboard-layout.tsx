import Head from "next/head";
import Link from "next/link";
import { useRouter } from "next/router";
import { useTranslation } from "next-i18next/pages";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import type { Locale } from "@/lib/languages";
import type { Viewer } from "@/server/page-props";
import { LanguageSwitcher } from "./language-switcher";
import { SignOutButton } from "./sign-out-button";

const navigation = [
	{ href: "/dashboard/projects", labelKey: "nav.projects" },
	{ href: "/dashboard/members", labelKey: "nav.members" },
] as const;

export const DashboardLayout = ({
	viewer,
	locale,
	title,
	children,
}: {
	viewer: Viewer;
	locale: Locale;
	title: string;
	children: ReactNode;
}) => {
	const { t } = useTranslation("common");
	const { pathname } = useRouter();
	return (
		<>
			<Head>
				<title>{`${title} · Dokploy`}</title>
			</Head>
			<header className="border-b">
				<div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
					<Link href="/dashboard/projects" className="font-semibold">
						Dokploy
					</Link>
					<span
						className="truncate text-sm text-muted-foreground"
						data-testid="organization-name"
						title={t("nav.organization")}
					>
						{viewer.organization.name}
					</span>
					<nav className="flex gap-1">
						{navigation.map((item) => (
							<Link
								key={item.href}
								href={item.href}
								className={cn(
									"rounded-md px-3 py-1.5 text-sm hover:bg-muted",
									pathname.startsWith(item.href) && "bg-muted font-medium",
								)}
							>
								{t(item.labelKey)}
							</Link>
						))}
					</nav>
					<div className="ms-auto flex items-center gap-2">
						<span className="hidden text-sm text-muted-foreground md:inline">{viewer.email}</span>
						<LanguageSwitcher locale={locale} />
						<SignOutButton />
					</div>
				</div>
			</header>
			<main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
		</>
	);
};
