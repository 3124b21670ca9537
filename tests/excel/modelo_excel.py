"""Un modelo pequeño de Excel para probar el botón: lo que el botón usa, como lo hace Excel.

Cada objeto es un `create_autospec` de la clase de xlwings (Book, Sheets, Sheet, Range, Tables,
Table, Names, Charts, Chart, ChartSeries, PageSetup, App): una llamada que la clase real no tiene
falla. Los objetos de COM que el botón usa por `.api` (PageSetup, Chart.Axes, Series.DataLabels,
la ventana activa) anotan lo que se les asigna en un diccionario de la hoja o del gráfico. Detrás
hay un estado (las hojas en orden, sus celdas, tablas, nombres y gráficos) y estas reglas de Excel:

- una matriz dispareja no se escribe; un texto sin apóstrofo se vuelve a interpretar
  («10%» → 0.1, «007» → 7, «1/2» → una fecha);
- un gráfico sin series dadas toma series por filas si su rango tiene más columnas que filas;
- un nombre de hoja (de cálculo o de gráfico) o de tabla que ya existe se rechaza;
- con la estructura o la hoja protegida, cambiarla falla; un alto de fila sobre 409 falla;
- `fallar_en=n` hace fallar el cambio número n (para probar el todo o nada paso por paso).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any
from unittest.mock import MagicMock, PropertyMock, create_autospec

import xlwings as xw
from openpyxl.utils.cell import get_column_letter, range_boundaries

ALTO_MAXIMO = 409


class ErrorCOM(Exception):
    """Lo que levantaría Excel (pywintypes.com_error) ante una operación que no acepta."""


@dataclass
class Serie:
    valores: str  # dirección ('$B$7:$B$9')
    categorias: str = ""
    nombre: str | None = None
    formato: dict[str, Any] = field(default_factory=dict)
    rotulos: dict[str, Any] = field(default_factory=dict)  # Series.DataLabels()


@dataclass
class Grafico:
    tipo: str | None
    series: list[Serie]
    titulo: str | None = None
    tamano: tuple[float, float] | None = None  # ancho y alto en puntos
    ejes: dict[int, dict[str, Any]] = field(default_factory=dict)  # Chart.Axes(tipo)


@dataclass
class Hoja:
    nombre: str
    celdas: dict[tuple[int, int], object] = field(default_factory=dict)
    visible: bool = True
    protegida: bool = False
    tablas: list[Any] = field(default_factory=list)  # autospec de xw.main.Table
    nombres: list[str] = field(default_factory=list)
    graficos: list[Grafico] = field(default_factory=list)
    altos: dict[str, float] = field(default_factory=dict)
    validaciones: dict[str, dict[str, Any]] = field(default_factory=dict)
    minigraficos: list[tuple[str, str]] = field(default_factory=list)
    condicionales: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    subrayados: list[str] = field(default_factory=list)
    pagina: dict[str, Any] = field(default_factory=dict)  # PageSetup
    saltos: list[str] = field(default_factory=list)  # HPageBreaks.Add(Before=...)
    autoajustes: list[str] = field(default_factory=list)  # Rows.AutoFit
    ventana: dict[str, Any] = field(default_factory=dict)  # ActiveWindow con la hoja activa

    def cuadricula(self) -> list[list[object]]:
        filas = max((f for f, _ in self.celdas), default=1)
        columnas = max((c for _, c in self.celdas), default=1)
        return [[self.celdas.get((f, c)) for c in range(1, columnas + 1)] for f in range(1, filas + 1)]

    def foto(self) -> tuple:
        tablas = tuple(t.name for t in self.tablas)
        return (self.nombre, self.visible, tuple(sorted(self.celdas.items())), tablas, tuple(self.nombres))


class Excel:
    """El estado de un libro abierto y sus reglas; `libro` es el xw.Book (autospec) que ve el botón."""

    def __init__(self, fallar_en: int | None = None) -> None:
        self.hojas: list[Hoja] = []
        self.hojas_de_grafico: list[str] = []
        self.estructura_protegida = False
        self.fallar_en = fallar_en
        self.cambios: list[str] = []
        self.estado_al_cambiar: list[dict[str, object]] = []
        self._objetos: dict[int, Any] = {}  # id(Hoja) → su xw.Sheet
        self.activa: Hoja | None = None
        self.impresora_avisada: list[bool] = []  # Application.PrintCommunication, en orden
        self.app = _app()
        self.app.api = _AppCOM(self)
        self.libro = self._libro()

    # -- estado -----------------------------------------------------------------------------
    def agregar(self, nombre: str, cuadricula=(), **opciones) -> Hoja:
        hoja = Hoja(nombre, **opciones)
        for f, fila in enumerate(cuadricula, start=1):
            for c, valor in enumerate(fila, start=1):
                if valor is not None and valor != "":
                    hoja.celdas[(f, c)] = valor
        self.hojas.append(hoja)
        return hoja

    def hoja(self, nombre: str) -> Hoja:
        (hoja,) = [h for h in self.hojas if h.nombre == nombre]
        return hoja

    def foto(self) -> tuple:
        return (tuple(h.foto() for h in self.hojas), tuple(self.hojas_de_grafico))

    def cambio(self, que: str) -> None:
        """Un cambio al libro: se cuenta y, si toca, falla antes de hacerse."""
        self.cambios.append(que)
        self.estado_al_cambiar.append(
            {k: getattr(self.app, k) for k in ("screen_updating", "enable_events", "calculation")}
        )
        if len(self.cambios) == self.fallar_en:
            raise ErrorCOM(f"falla inyectada en el cambio {self.fallar_en}: {que}")

    def _nombre_ocupado(self, nombre: str, salvo: Hoja | None = None) -> bool:
        nombres = [h.nombre for h in self.hojas if h is not salvo] + self.hojas_de_grafico
        return nombre.casefold() in {n.casefold() for n in nombres}

    def _cambiar_estructura(self, que: str) -> None:
        if self.estructura_protegida:
            raise ErrorCOM("la estructura del libro está protegida")
        self.cambio(que)

    # -- objetos de xlwings -------------------------------------------------------------------
    def _libro(self):
        libro = create_autospec(xw.Book, instance=True)
        libro.name = "seguimiento.xlsx"
        libro.app = self.app
        hojas = create_autospec(xw.main.Sheets, instance=True)
        hojas.__iter__.side_effect = lambda: iter([self.sheet(h) for h in self.hojas])
        hojas.add.side_effect = self._agregar_hoja
        type(hojas).active = PropertyMock(side_effect=lambda: self.sheet(self.activa or self.hojas[0]))
        type(libro).sheets = PropertyMock(return_value=hojas)
        libro.api = _LibroCOM(self)
        return libro

    def _agregar_hoja(self, name=None, before=None, after=None):
        if self._nombre_ocupado(name):
            raise ErrorCOM(f"ya existe una hoja «{name}»")
        self._cambiar_estructura(f"agregar hoja {name}")
        hoja = Hoja(name)
        if before is not None:
            self.hojas.insert(self.hojas.index(self._modelo(before)), hoja)
        else:
            self.hojas.insert(self.hojas.index(self._modelo(after)) + 1, hoja)
        return self.sheet(hoja)

    def _borrar_hojas(self, nombres) -> None:
        self._cambiar_estructura(f"borrar hojas {nombres}")
        quedan = [h for h in self.hojas if h.nombre not in nombres]
        assert len(self.hojas) - len(quedan) == len(nombres), nombres
        self.hojas = quedan

    def _modelo(self, sheet) -> Hoja:
        return next(h for h in self.hojas if self._objetos.get(id(h)) is sheet)

    def sheet(self, hoja: Hoja):
        if id(hoja) not in self._objetos:
            self._objetos[id(hoja)] = self._sheet(hoja)
        return self._objetos[id(hoja)]

    def _sheet(self, hoja: Hoja):
        sheet = create_autospec(xw.Sheet, instance=True)
        tipo = type(sheet)

        def nombre(*valor):
            if not valor:
                return hoja.nombre
            if self._nombre_ocupado(valor[0], salvo=hoja) or len(valor[0]) > 31:
                raise ErrorCOM(f"no se puede llamar «{valor[0]}» a la hoja")
            self._cambiar_estructura(f"renombrar {hoja.nombre} → {valor[0]}")
            hoja.nombre = valor[0]

        tipo.name = PropertyMock(side_effect=nombre)
        tipo.visible = PropertyMock(side_effect=lambda *v: hoja.visible)
        sheet.api = SimpleNamespace(
            ProtectContents=hoja.protegida,
            HPageBreaks=SimpleNamespace(
                Add=lambda Before: self._escribible(hoja, "salto") or hoja.saltos.append(Before.direccion)
            ),
        )
        pagina = create_autospec(xw.main.PageSetup, instance=True)
        pagina.api = Registro(hoja.pagina, lambda que: self._escribible(hoja, f"página {que}"))
        tipo.page_setup = PropertyMock(return_value=pagina)
        tipo.book = PropertyMock(return_value=self.libro)
        sheet.activate.side_effect = lambda: setattr(self, "activa", hoja)
        sheet.range.side_effect = lambda *args: self._range(hoja, args)
        tipo.used_range = PropertyMock(side_effect=lambda: self._usado(hoja))
        sheet.delete.side_effect = lambda: self._borrar_hojas((hoja.nombre,))
        tipo.tables = PropertyMock(return_value=self._tablas(hoja))
        tipo.names = PropertyMock(return_value=self._nombres(hoja))
        tipo.charts = PropertyMock(return_value=self._graficos(hoja))
        return sheet

    def _escribible(self, hoja: Hoja, que: str) -> None:
        if hoja.protegida:
            raise ErrorCOM(f"la hoja «{hoja.nombre}» está protegida")
        self.cambio(f"{que} en {hoja.nombre}")

    def _usado(self, hoja: Hoja):
        usado = create_autospec(xw.Range, instance=True)
        cuadricula = hoja.cuadricula()
        usado.last_cell.row, usado.last_cell.column = len(cuadricula), len(cuadricula[0])
        return usado

    def _range(self, hoja: Hoja, args: tuple):
        """El xw.Range (autospec) de esa dirección, apuntado a esta hoja; se crea una vez por
        dirección (crear un autospec de Range cuesta 25 ms) y el botón lo usa al pedirlo."""
        if args not in _RANGOS:
            _RANGOS[args] = _rango(args)
        rango, destino = _RANGOS[args]
        destino.update(excel=self, hoja=hoja)
        return rango

    def _tablas(self, hoja: Hoja):
        tablas = create_autospec(xw.main.Tables, instance=True)
        tablas.__iter__.side_effect = lambda: iter(list(hoja.tablas))

        def agregar(source=None, name=None, **_):
            if name.casefold() in {t.name.casefold() for h in self.hojas for t in h.tablas}:
                raise ErrorCOM(f"ya existe una tabla «{name}»")
            self._escribible(hoja, f"tabla {name}")
            hoja.tablas.append(self._tabla(name))

        tablas.add.side_effect = agregar
        return tablas

    def _tabla(self, nombre: str):
        tabla = create_autospec(xw.main.Table, instance=True)
        estado = {"nombre": nombre}

        def nombre_tabla(*nuevo):
            if not nuevo:
                return estado["nombre"]
            if nuevo[0].casefold() in {t.name.casefold() for h in self.hojas for t in h.tablas}:
                raise ErrorCOM(f"ya existe una tabla «{nuevo[0]}»")
            self.cambio(f"renombrar tabla {estado['nombre']}")
            estado["nombre"] = nuevo[0]

        type(tabla).name = PropertyMock(side_effect=nombre_tabla)
        return tabla

    def _nombres(self, hoja: Hoja):
        nombres = create_autospec(xw.main.Names, instance=True)
        nombres.__iter__.side_effect = lambda: iter(
            [SimpleNamespace(name=f"'{hoja.nombre}'!{n}") for n in hoja.nombres]
        )

        def agregar(name, refers_to):
            self._escribible(hoja, f"nombre {name}")
            hoja.nombres.append(name)

        nombres.add.side_effect = agregar
        return nombres

    def _graficos(self, hoja: Hoja):
        graficos = create_autospec(xw.main.Charts, instance=True)

        def agregar(chart_type=None, source=None, plot_by=None, anchor=None, width=355, height=211, **_):
            self._escribible(hoja, "gráfico")
            grafico = Grafico(chart_type, [], tamano=(width, height))
            hoja.graficos.append(grafico)
            chart = self._chart(hoja, grafico)
            if source is not None:
                chart.set_source_data(source, plot_by)
            return chart

        graficos.add.side_effect = agregar
        return graficos

    def _chart(self, hoja: Hoja, grafico: Grafico):
        chart = create_autospec(xw.Chart, instance=True)

        def fuente(source, plot_by=None):
            grafico.series = [Serie(d) for d in _series(source.api.direccion, plot_by)]

        def categorias(source):
            for serie in grafico.series:
                serie.categorias = source.api.direccion

        chart.api = (MagicMock(name="ChartObject"), _GraficoCOM(grafico))
        chart.set_source_data.side_effect = fuente
        chart.set_x_axis_values.side_effect = categorias
        type(chart).title = PropertyMock(
            side_effect=lambda *v: setattr(grafico, "titulo", v[0]) if v else None
        )
        type(chart).series = PropertyMock(side_effect=lambda: [self._serie(hoja, s) for s in grafico.series])
        return chart

    def _serie(self, hoja: Hoja, serie: Serie):
        en_excel = create_autospec(xw.main.ChartSeries, instance=True)

        def fijar(**atributos):
            self._escribible(hoja, f"serie {serie.valores}")
            serie.nombre = atributos.pop("name", serie.nombre)
            serie.formato.update(atributos)

        en_excel.set.side_effect = fijar
        api = MagicMock(name="Series.api")
        type(api).Values = PropertyMock(
            side_effect=lambda *v: setattr(serie, "valores", v[0].direccion) if v else None
        )
        api.ApplyDataLabels.side_effect = lambda: serie.rotulos.setdefault("aplicados", True)
        api.DataLabels.return_value = Registro(serie.rotulos)
        en_excel.api = api
        return en_excel


_RANGOS: dict[tuple, tuple[Any, dict[str, Any]]] = {}


def _rango(args: tuple):
    rango = create_autospec(xw.Range, instance=True)
    destino: dict[str, Any] = {}
    direccion = _direccion(args)
    tipo = type(rango)

    def cambio(que: str) -> Hoja:
        destino["excel"]._escribible(destino["hoja"], f"{que} {direccion}")
        return destino["hoja"]

    def valor(*nuevo):
        if nuevo:
            _escribir(cambio("escribir"), args[0], nuevo[0])

    def alto(*nuevo):
        if nuevo and nuevo[0] > ALTO_MAXIMO:
            raise ErrorCOM(f"alto de fila {nuevo[0]} mayor que {ALTO_MAXIMO}")
        if nuevo:
            cambio("alto").altos[direccion] = nuevo[0]

    tipo.value = PropertyMock(side_effect=valor)
    tipo.row_height = PropertyMock(side_effect=alto)
    rango.options.side_effect = lambda **_: SimpleNamespace(value=destino["hoja"].cuadricula())
    rango.merge.side_effect = lambda *_: cambio("combinar")
    api = MagicMock(name=f"Range({direccion}).api")
    api.direccion = direccion
    api.Validation.Add.side_effect = lambda **k: cambio("validar").validaciones.__setitem__(direccion, k)
    api.FormatConditions.Add.side_effect = lambda **k: (
        cambio("condicional").condicionales.append((direccion, k)),
        MagicMock(),
    )[1]
    api.Rows.AutoFit.side_effect = lambda: cambio("autoajuste").autoajustes.append(direccion)
    api.SparklineGroups.Add.side_effect = lambda **k: cambio("minigráficos").minigraficos.append(
        (direccion, k["SourceData"])
    )
    type(api.Font).Underline = PropertyMock(
        side_effect=lambda *v: destino["hoja"].subrayados.append(direccion)
    )
    rango.api = api
    return rango, destino


class _LibroCOM:
    """Workbook de COM: ProtectStructure, Sheets (también las de gráfico) y Charts (solo esas)."""

    def __init__(self, excel: Excel) -> None:
        self._excel = excel
        todas = lambda: [h.nombre for h in excel.hojas] + excel.hojas_de_grafico  # noqa: E731
        self.Sheets = _Coleccion(lambda: [SimpleNamespace(Name=n) for n in todas()], excel._borrar_hojas)
        self.Charts = _Coleccion(lambda: [SimpleNamespace(Name=n) for n in excel.hojas_de_grafico], None)

    @property
    def ProtectStructure(self) -> bool:
        return self._excel.estructura_protegida


class Registro:
    """Un objeto de COM que anota en `datos` lo que se le asigna; un atributo que no se asignó es otro
    objeto así (eje.AxisTitle.Text = "Año" deja {"AxisTitle": {"Text": "Año"}})."""

    def __init__(self, datos: dict[str, Any], al_cambiar=None) -> None:
        object.__setattr__(self, "_datos", datos)
        object.__setattr__(self, "_al_cambiar", al_cambiar)

    def __setattr__(self, nombre: str, valor: object) -> None:
        if self._al_cambiar is not None:
            self._al_cambiar(nombre)
        self._datos[nombre] = valor

    def __getattr__(self, nombre: str) -> "Registro":
        return Registro(self._datos.setdefault(nombre, {}), self._al_cambiar)


class _AppCOM:
    """Application de COM: PrintCommunication y la ventana activa (sus paneles son de la hoja activa)."""

    def __init__(self, excel: Excel) -> None:
        self._excel = excel

    @property
    def PrintCommunication(self) -> bool:
        return self._excel.impresora_avisada[-1] if self._excel.impresora_avisada else True

    @PrintCommunication.setter
    def PrintCommunication(self, valor: bool) -> None:
        self._excel.impresora_avisada.append(valor)

    @property
    def ActiveWindow(self) -> Registro:
        hoja = self._excel.activa
        assert hoja is not None, "sin hoja activa"
        return Registro(hoja.ventana, lambda que: self._excel._escribible(hoja, f"ventana {que}"))


class _GraficoCOM:
    """Chart de COM: Axes(tipo) anota en el gráfico lo que se le asigna a cada eje."""

    def __init__(self, grafico: Grafico) -> None:
        self._grafico = grafico

    def Axes(self, tipo: int) -> Registro:
        return Registro(self._grafico.ejes.setdefault(tipo, {}))


class _Coleccion:
    """Una colección COM: se recorre y, llamada con nombres, da un objeto con Delete()."""

    def __init__(self, elementos, borrar) -> None:
        self._elementos, self._borrar = elementos, borrar

    def __iter__(self):
        return iter(self._elementos())

    def __call__(self, nombres):
        return SimpleNamespace(Delete=lambda: self._borrar(tuple(nombres)))


def _app():
    app = create_autospec(xw.App, instance=True)
    app.screen_updating, app.enable_events, app.display_alerts = True, True, True
    app.calculation = "automatic"
    app.properties.side_effect = lambda **estado: xw.App.properties(app, **estado)
    return app


def _direccion(args: tuple) -> str:
    if len(args) == 2:
        (f1, c1), (f2, c2) = args
        return f"{get_column_letter(c1)}{f1}:{get_column_letter(c2)}{f2}"
    if isinstance(args[0], tuple):
        f, c = args[0]
        return f"{get_column_letter(c)}{f}"
    return args[0].replace("$", "")


def _series(direccion: str, plot_by: str | None) -> list[str]:
    """Las series de un rango; sin `plot_by`, como Excel: por filas si hay más columnas que filas."""
    c1, f1, c2, f2 = range_boundaries(direccion)
    if plot_by is None:
        plot_by = "rows" if c2 - c1 > f2 - f1 else "columns"
    if plot_by == "rows":
        return [f"{get_column_letter(c1)}{f}:{get_column_letter(c2)}{f}" for f in range(f1, f2 + 1)]
    return [f"{get_column_letter(c)}{f1}:{get_column_letter(c)}{f2}" for c in range(c1, c2 + 1)]


def _escribir(hoja: Hoja, inicio, valores) -> None:
    """Range.Value = matriz: rectangular o nada; cada texto como lo interpretaría Excel."""
    if not isinstance(valores, list):
        valores = [[valores]]
    if len({len(f) for f in valores}) > 1:
        raise ErrorCOM("la matriz no es rectangular")
    f0, c0 = inicio if isinstance(inicio, tuple) else range_boundaries(inicio)[1::-1]
    for i, fila in enumerate(valores):
        for j, valor in enumerate(fila):
            celda = (f0 + i, c0 + j)
            hoja.celdas.pop(celda, None)
            if valor is not None and valor != "":
                hoja.celdas[celda] = reinterpretar(valor)


def reinterpretar(valor: object) -> object:
    """Lo que Excel guarda al recibir un valor por Range.Value (sin formato de texto)."""
    if not isinstance(valor, str):
        return valor
    if valor.startswith("'"):
        return valor[1:]
    if re.fullmatch(r"-?\d+(\.\d+)?%", valor):
        return float(valor[:-1]) / 100
    if re.fullmatch(r"-?\d+(\.\d+)?", valor):
        return float(valor)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})", valor):
        return date(2026, int(m[2]), int(m[1]))
    return valor
