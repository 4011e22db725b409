// Stratus console: the lambda pages (registered with Console.register; drawn from the console API under /_stratus/console/api/lambda).
"use strict";
