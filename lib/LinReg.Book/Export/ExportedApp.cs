namespace LinReg.Book.Export;

/// <summary>One notebook written as a file-based app by <see cref="AppExporter"/>.</summary>
/// <param name="Notebook">The notebook's name (file name without extension), e.g. <c>05-training-from-scratch</c>.</param>
/// <param name="Path">The full path of the app's <c>.cs</c> file.</param>
/// <param name="Cells">The notebook's code cells in the app, in order: (1-based cell number, whether it is a timing cell).
/// The setup cell is not among them.</param>
public sealed record ExportedApp(string Notebook, string Path, IReadOnlyList<(int Number, bool Timing)> Cells);
