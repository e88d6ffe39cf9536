DROP INDEX `reservations_agent_live`;--> statement-breakpoint
CREATE INDEX `reservations_agent_live` ON `reservations` (`agent_id`,`released_at`,`expires_at`,`created_at`,`wallet_id`,`amount_micros`);--> statement-breakpoint
CREATE INDEX `spend_days_agent_day` ON `spend_days` (`agent_id`,`day`,`wallet_id`,`amount_micros`);