CREATE TYPE "public"."webhookDeliveryStatus" AS ENUM('pending', 'retrying', 'success', 'failed');--> statement-breakpoint
CREATE TYPE "public"."webhookTemplateType" AS ENUM('generic', 'slack', 'n8n', 'custom');--> statement-breakpoint
CREATE TABLE "application_webhooks" (
	"webhookId" text PRIMARY KEY NOT NULL,
	"applicationId" text,
	"composeId" text,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"secretHint" text NOT NULL,
	"previousSecret" text,
	"previousSecretExpiresAt" text,
	"templateType" "webhookTemplateType" DEFAULT 'generic' NOT NULL,
	"customTemplate" text,
	"events" text[] NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"consecutiveFailures" integer DEFAULT 0 NOT NULL,
	"disabledReason" text,
	"lastDeliveryAt" text,
	"createdAt" text NOT NULL,
	"updatedAt" text,
	CONSTRAINT "application_webhooks_one_service" CHECK (num_nonnulls("application_webhooks"."applicationId", "application_webhooks"."composeId") = 1)
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"deliveryId" text PRIMARY KEY NOT NULL,
	"webhookId" text NOT NULL,
	"idempotencyKey" text NOT NULL,
	"redeliveryOf" text,
	"isTest" boolean DEFAULT false NOT NULL,
	"serviceType" text NOT NULL,
	"serviceId" text NOT NULL,
	"deploymentId" text,
	"event" text NOT NULL,
	"body" text NOT NULL,
	"status" "webhookDeliveryStatus" DEFAULT 'pending' NOT NULL,
	"attempts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attemptCount" integer DEFAULT 0 NOT NULL,
	"deferredCount" integer DEFAULT 0 NOT NULL,
	"nextAttemptAt" text,
	"statusDetail" text,
	"lastHttpStatus" integer,
	"lastDurationMs" integer,
	"lastError" text,
	"createdAt" text NOT NULL,
	"finishedAt" text
);
--> statement-breakpoint
ALTER TABLE "application_webhooks" ADD CONSTRAINT "application_webhooks_applicationId_application_applicationId_fk" FOREIGN KEY ("applicationId") REFERENCES "public"."application"("applicationId") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_webhooks" ADD CONSTRAINT "application_webhooks_composeId_compose_composeId_fk" FOREIGN KEY ("composeId") REFERENCES "public"."compose"("composeId") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhookId_application_webhooks_webhookId_fk" FOREIGN KEY ("webhookId") REFERENCES "public"."application_webhooks"("webhookId") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_webhooks_applicationId_idx" ON "application_webhooks" USING btree ("applicationId");--> statement-breakpoint
CREATE INDEX "application_webhooks_composeId_idx" ON "application_webhooks" USING btree ("composeId");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhookId_createdAt_idx" ON "webhook_deliveries" USING btree ("webhookId","createdAt");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_status_idx" ON "webhook_deliveries" USING btree ("status");