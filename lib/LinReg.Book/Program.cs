// LinReg.Book: `dotnet run --project lib/LinReg.Book -- build` runs the book's notebooks and builds the HTML book.
// The logic lives in LinReg.Book.Cli.BookCli (callable from tests); this file only wires the console.
using System.Text;
using LinReg.Book.Cli;

// The C# kernel redirects Console.Out while a cell runs (to capture the cell's output), so progress and the summary
// go straight to the process's standard streams instead.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true };
using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

var exitCode = await BookCli.RunAsync(args, stdout, stderr, Environment.CurrentDirectory, interactiveProgress: !Console.IsOutputRedirected, interrupt.Token);

// A timed-out cell may still be running on a kernel thread; it must not keep the process alive.
stdout.Flush();
stderr.Flush();
Environment.Exit(exitCode);
