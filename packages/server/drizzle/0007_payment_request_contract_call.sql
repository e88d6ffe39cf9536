ALTER TABLE `payment_requests` ADD `target_contract_address` text;--> statement-breakpoint
ALTER TABLE `payment_requests` ADD `function_selector` text;