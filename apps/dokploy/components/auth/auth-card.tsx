import Head from "next/head";
import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Locale } from "@/lib/languages";
import { LanguageSwitcher } from "../layout/language-switcher";

/** The frame of the sign-in and sign-up pages. */
export const AuthCard = ({
	title,
	description,
	locale,
	children,
	footer,
}: {
	title: string;
	description: string;
	locale: Locale;
	children: ReactNode;
	footer: ReactNode;
}) => (
	<>
		<Head>
			<title>{`${title} · Dokploy`}</title>
		</Head>
		<div className="flex min-h-screen flex-col items-center justify-center gap-4 bg-muted px-4">
			<div className="flex w-full max-w-sm justify-end">
				<LanguageSwitcher locale={locale} />
			</div>
			<Card className="w-full max-w-sm">
				<CardHeader>
					<p className="text-sm font-semibold">Dokploy</p>
					<CardTitle className="text-xl">{title}</CardTitle>
					<CardDescription>{description}</CardDescription>
				</CardHeader>
				<CardContent className="flex flex-col gap-4">
					{children}
					<div className="text-center text-sm text-muted-foreground">{footer}</div>
				</CardContent>
			</Card>
		</div>
	</>
);
