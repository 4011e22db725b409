// Stratus console: the EventBridge pages (registered with Console.register; drawn from the console API under /_stratus/console/api/events).
"use strict";
