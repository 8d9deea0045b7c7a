return EnergyFacts.Tool.EnergyFactsCommandLine.Run(args, Console.Out, Console.Error);
