// Stratus console: the sqs pages (registered with Console.register; drawn from the console API under /_stratus/console/api/sqs).
"use strict";
