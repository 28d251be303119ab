# Generated from ui/audit_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'audit_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QComboBox, QDateEdit, QDialog, QDialogButtonBox,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_AuditDialog(object):
    def setupUi(self, AuditDialog):
        if not AuditDialog.objectName():
            AuditDialog.setObjectName(u"AuditDialog")
        AuditDialog.resize(1160, 620)
        AuditDialog.setSizeGripEnabled(True)
        self.outer_layout = QVBoxLayout(AuditDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(AuditDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.filters = QWidget(AuditDialog)
        self.filters.setObjectName(u"filters")
        self.filters_layout = QHBoxLayout(self.filters)
        self.filters_layout.setObjectName(u"filters_layout")
        self.filters_layout.setContentsMargins(0, 0, 0, 0)
        self.user_label = QLabel(self.filters)
        self.user_label.setObjectName(u"user_label")

        self.filters_layout.addWidget(self.user_label)

        self.user = QComboBox(self.filters)
        self.user.setObjectName(u"user")
        self.user.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filters_layout.addWidget(self.user)

        self.action_label = QLabel(self.filters)
        self.action_label.setObjectName(u"action_label")

        self.filters_layout.addWidget(self.action_label)

        self.action = QComboBox(self.filters)
        self.action.setObjectName(u"action")
        self.action.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filters_layout.addWidget(self.action)

        self.date_range = QCheckBox(self.filters)
        self.date_range.setObjectName(u"date_range")

        self.filters_layout.addWidget(self.date_range)

        self.since = QDateEdit(self.filters)
        self.since.setObjectName(u"since")
        self.since.setEnabled(False)
        self.since.setCalendarPopup(True)

        self.filters_layout.addWidget(self.since)

        self.and_label = QLabel(self.filters)
        self.and_label.setObjectName(u"and_label")

        self.filters_layout.addWidget(self.and_label)

        self.until = QDateEdit(self.filters)
        self.until.setObjectName(u"until")
        self.until.setEnabled(False)
        self.until.setCalendarPopup(True)

        self.filters_layout.addWidget(self.until)

        self.filters_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filters_layout.addItem(self.filters_spacer)


        self.outer_layout.addWidget(self.filters)

        self.filter_error = QLabel(AuditDialog)
        self.filter_error.setObjectName(u"filter_error")
        self.filter_error.setWordWrap(True)
        self.filter_error.setVisible(False)

        self.outer_layout.addWidget(self.filter_error)

        self.table = QTableView(AuditDialog)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.outer_layout.addWidget(self.table)

        self.bottom_layout = QHBoxLayout()
        self.bottom_layout.setObjectName(u"bottom_layout")
        self.count = QLabel(AuditDialog)
        self.count.setObjectName(u"count")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.count.sizePolicy().hasHeightForWidth())
        self.count.setSizePolicy(sizePolicy)

        self.bottom_layout.addWidget(self.count)

        self.export_button = QPushButton(AuditDialog)
        self.export_button.setObjectName(u"export_button")
        self.export_button.setAutoDefault(False)

        self.bottom_layout.addWidget(self.export_button)

        self.buttons = QDialogButtonBox(AuditDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.bottom_layout.addWidget(self.buttons)


        self.outer_layout.addLayout(self.bottom_layout)

#if QT_CONFIG(shortcut)
        self.user_label.setBuddy(self.user)
        self.action_label.setBuddy(self.action)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.user, self.action)
        QWidget.setTabOrder(self.action, self.date_range)
        QWidget.setTabOrder(self.date_range, self.since)
        QWidget.setTabOrder(self.since, self.until)
        QWidget.setTabOrder(self.until, self.table)
        QWidget.setTabOrder(self.table, self.export_button)
        QWidget.setTabOrder(self.export_button, self.buttons)

        self.retranslateUi(AuditDialog)

        QMetaObject.connectSlotsByName(AuditDialog)
    # setupUi

    def retranslateUi(self, AuditDialog):
        AuditDialog.setWindowTitle(QCoreApplication.translate("AuditDialog", u"Audit trail", None))
        self.user_label.setText(QCoreApplication.translate("AuditDialog", u"&User", None))
#if QT_CONFIG(tooltip)
        self.user.setToolTip(QCoreApplication.translate("AuditDialog", u"Only what this user did", None))
#endif // QT_CONFIG(tooltip)
        self.action_label.setText(QCoreApplication.translate("AuditDialog", u"&Action", None))
#if QT_CONFIG(tooltip)
        self.action.setToolTip(QCoreApplication.translate("AuditDialog", u"Only this kind of action (opened, edited, signed, exported\u2026)", None))
#endif // QT_CONFIG(tooltip)
        self.date_range.setText(QCoreApplication.translate("AuditDialog", u"&Between", None))
#if QT_CONFIG(tooltip)
        self.date_range.setToolTip(QCoreApplication.translate("AuditDialog", u"Only what happened between these two days (local time, both days included)", None))
#endif // QT_CONFIG(tooltip)
        self.since.setDisplayFormat(QCoreApplication.translate("AuditDialog", u"yyyy-MM-dd", None))
#if QT_CONFIG(tooltip)
        self.since.setToolTip(QCoreApplication.translate("AuditDialog", u"The first day shown", None))
#endif // QT_CONFIG(tooltip)
        self.and_label.setText(QCoreApplication.translate("AuditDialog", u"and", None))
        self.until.setDisplayFormat(QCoreApplication.translate("AuditDialog", u"yyyy-MM-dd", None))
#if QT_CONFIG(tooltip)
        self.until.setToolTip(QCoreApplication.translate("AuditDialog", u"The last day shown", None))
#endif // QT_CONFIG(tooltip)
        self.export_button.setText(QCoreApplication.translate("AuditDialog", u"E&xport CSV\u2026", None))
#if QT_CONFIG(tooltip)
        self.export_button.setToolTip(QCoreApplication.translate("AuditDialog", u"Save what this list shows (all of it, not only the rows loaded) as a CSV file; the export is itself audited", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

