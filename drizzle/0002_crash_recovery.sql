CREATE TABLE "deployment_request" (
	"deploymentId" text PRIMARY KEY NOT NULL,
	"applicationId" text,
	"composeId" text,
	"title" text,
	"triggerType" "triggerType" NOT NULL,
	"triggeredBy" text,
	"branch" text,
	"commitHash" text,
	"requestedAt" text NOT NULL,
	CONSTRAINT "deployment_request_one_service" CHECK (num_nonnulls("deployment_request"."applicationId", "deployment_request"."composeId") = 1)
);
--> statement-breakpoint
ALTER TABLE "deployment" ADD COLUMN "buildProcess" jsonb;--> statement-breakpoint
ALTER TABLE "deployment_request" ADD CONSTRAINT "deployment_request_applicationId_application_applicationId_fk" FOREIGN KEY ("applicationId") REFERENCES "public"."application"("applicationId") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_request" ADD CONSTRAINT "deployment_request_composeId_compose_composeId_fk" FOREIGN KEY ("composeId") REFERENCES "public"."compose"("composeId") ON DELETE cascade ON UPDATE no action;