CREATE TABLE "digest_cards" (
	"uuid" text PRIMARY KEY NOT NULL,
	"recipient_id" text NOT NULL,
	"view" jsonb NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"stale_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "digest_cards_stale_idx" ON "digest_cards" USING btree ("stale_at");--> statement-breakpoint
CREATE INDEX "nudges_obligation_idx" ON "nudges" USING btree ("obligation_id");