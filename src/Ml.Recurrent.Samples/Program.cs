using System.CommandLine;
using Ml.Recurrent.Samples;

var root = new RootCommand("Ml.Recurrent samples: recurrent text classifiers in ML.NET.");
Command quickstart = QuickstartCommand.Create();
root.Subcommands.Add(quickstart);
// With no command, run the quickstart (the README's main job).
string[] effective = args.Length == 0 ? ["quickstart"] : args;
return root.Parse(effective).Invoke();
