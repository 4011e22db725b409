// Stratus console: the SNS pages (registered with Console.register; drawn from the console API under /_stratus/console/api/sns).
"use strict";
