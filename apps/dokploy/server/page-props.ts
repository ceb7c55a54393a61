/**
 * getServerSideProps building blocks: every page gets its translations in the cookie's locale;
 * dashboard pages also need a signed-in member of an organization, or go back to sign-in.
 */
import type { Role } from "@dokploy/server/auth/membership";
import { serverConfig } from "@dokploy/server/lib/config";
import { findOrganizationById } from "@dokploy/server/services/organization";
import { fromNodeHeaders } from "better-auth/node";
import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import type { SSRConfig } from "next-i18next/pages";
import type { Locale } from "@/lib/languages";
import { resolveLocale } from "@/lib/locale";
import { type CallerContext, createContextFromHeaders } from "./api/context";
import { loadTranslations } from "./i18n";

export type PublicPageProps = SSRConfig & { locale: Locale };

export interface Viewer {
	name: string;
	email: string;
	role: Role;
	organization: { id: string; name: string };
}

/** Features the operator can turn off; the pages hide what the API would refuse. */
export interface Features {
	webhooks: boolean;
}

export type DashboardPageProps = PublicPageProps & { viewer: Viewer; features: Features };

export type SignedInCaller = CallerContext & {
	user: NonNullable<CallerContext["user"]>;
	organizationId: string;
	role: Role;
};

const callerOf = (context: GetServerSidePropsContext) =>
	createContextFromHeaders(fromNodeHeaders(context.req.headers));

const isSignedInMember = (caller: CallerContext): caller is SignedInCaller =>
	Boolean(caller.user && caller.organizationId && caller.role);

/** Translation namespaces: every page has `common`; a page adds the ones its components use. */
export type Namespace = "common" | "webhook";

const publicPageProps = async (
	context: GetServerSidePropsContext,
	namespaces: Namespace[] = ["common"],
): Promise<PublicPageProps> => {
	const locale = resolveLocale(context.req.headers);
	return { ...(await loadTranslations(locale, namespaces)), locale };
};

const signInRedirect = { redirect: { destination: "/", permanent: false } } as const;

/** For the sign-in and sign-up pages: a signed-in member goes straight to the dashboard. */
export const authPageProps = async (
	context: GetServerSidePropsContext,
): Promise<GetServerSidePropsResult<PublicPageProps>> => {
	if (isSignedInMember(await callerOf(context))) {
		return { redirect: { destination: "/dashboard/projects", permanent: false } };
	}
	return { props: await publicPageProps(context) };
};

/**
 * For dashboard pages. `load` may add page-specific props or answer notFound; it receives the
 * caller so it can check that the page's resource belongs to the caller's organization.
 */
export const dashboardPageProps = async <Extra extends object = Record<never, never>>(
	context: GetServerSidePropsContext,
	load?: (caller: SignedInCaller) => Promise<Extra | "not-found">,
	namespaces: Namespace[] = ["common"],
): Promise<GetServerSidePropsResult<DashboardPageProps & Extra>> => {
	const caller = await callerOf(context);
	if (!isSignedInMember(caller)) return signInRedirect;
	const extra = load ? await load(caller) : ({} as Extra);
	if (extra === "not-found") return { notFound: true };
	const organization = await findOrganizationById(caller.organizationId);
	const viewer: Viewer = {
		name: caller.user.name,
		email: caller.user.email,
		role: caller.role,
		organization,
	};
	const features: Features = { webhooks: serverConfig().webhooks.enabled };
	return { props: { ...(await publicPageProps(context, namespaces)), viewer, features, ...extra } };
};
