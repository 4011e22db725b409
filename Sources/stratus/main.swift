import StratusCLI

await StratusCommand.start()
